package org.accueil.practice;

/**
 * @param kind what the room is equipped for, e.g. {@code exam} or {@code procedure}; appointment
 *     types that need a room name the kind
 */
public record Room(RoomId id, LocationId location, String name, String kind, boolean active) {}
