package org.accueil.practice;

import java.util.List;

/**
 * The organisation this deployment serves.
 *
 * @param languages languages the practice speaks with patients, among fr, en and it
 */
public record PracticeProfile(String name, List<String> languages) {}
