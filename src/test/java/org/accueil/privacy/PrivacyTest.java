package org.accueil.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.accueil.testing.AccueilTest;
import org.springframework.context.annotation.Import;

/**
 * {@link AccueilTest} with a module built later, as the privacy module sees it: one that keeps
 * notes on patients ({@link StickyNotes}) and sweeps old ones. The privacy tests share this
 * context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AccueilTest
@Import({StickyNotes.class, StickyNotes.Sweep.class})
@interface PrivacyTest {}
