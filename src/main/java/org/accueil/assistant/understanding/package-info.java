/**
 * What a patient's message means, deterministic and explainable, in French, English and Italian:
 * its language, its intent, the date or time it asks for, the provider and the appointment type it
 * names, and whether it is an emergency. Free of conversation state: the dialogue keeps that.
 */
@NamedInterface("understanding")
@NullMarked
package org.accueil.assistant.understanding;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
