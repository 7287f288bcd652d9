package org.accueil.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.accueil.testing.AccueilTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * An application of its own, on a database of its own, for tests that break the audit chain or make
 * its writes fail: the other test classes' context keeps an intact trail. Classes with this
 * annotation share it, and run one at a time.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AccueilTest
@TestPropertySource(properties = {"accueil.db.max-pool-size=8", "spring.jmx.enabled=false"})
@Import(AuditWriteFailureTests.NotesEndpoints.class)
public @interface AuditSandbox {}
