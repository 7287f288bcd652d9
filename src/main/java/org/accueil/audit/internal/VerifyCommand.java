package org.accueil.audit.internal;

import java.io.PrintStream;
import java.util.Locale;
import org.accueil.audit.AuditTrail;
import org.accueil.audit.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar accueil.jar --accueil.audit.verify}: checks the chain of the configured
 * database, prints what it found and ends with status 0 (intact), 1 (broken) or 2 (could not
 * check). {@link VerifyMode} has already kept the web server, the jobs and the migrations from
 * starting; {@code AccueilApplication#main} exits with this runner's code once it has run.
 */
@Component
@ConditionalOnBooleanProperty(VerifyMode.PROPERTY)
class VerifyCommand implements ApplicationRunner, ExitCodeGenerator {

  static final int INTACT = 0;
  static final int BROKEN = 1;
  static final int NOT_CHECKED = 2;

  private static final Logger log = LoggerFactory.getLogger(VerifyCommand.class);

  // Resolved in run(), so that a database that cannot be reached is reported, not a start failure.
  private final ObjectProvider<AuditTrail> trail;
  private final MessageSource messages;
  private int exitCode = NOT_CHECKED;

  VerifyCommand(ObjectProvider<AuditTrail> trail, MessageSource messages) {
    this.trail = trail;
    this.messages = messages;
  }

  @Override
  public void run(ApplicationArguments args) {
    PrintStream out = System.out;
    try {
      Verification result = trail.getObject().verify();
      out.println(describe(result));
      exitCode = result.valid() ? INTACT : BROKEN;
    } catch (RuntimeException e) {
      log.debug("Audit verification failed", e);
      System.err.println("Could not verify the audit trail: " + rootMessage(e));
      exitCode = NOT_CHECKED;
    }
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }

  String describe(Verification result) {
    Verification.Break broken = result.firstBroken();
    if (broken == null) {
      return String.format(
          Locale.ROOT,
          "Audit trail intact: %d rows checked; the chain head is row %d, hash %s.",
          result.rowsChecked(),
          result.headSeq(),
          result.headHashHex());
    }
    String problem =
        messages.getMessage(
            broken.messageCode(), broken.messageArguments(), broken.english(), Locale.ENGLISH);
    return String.format(
        Locale.ROOT,
        "Audit trail BROKEN%s (%s): %s%n%d rows checked intact before the break; the chain head"
            + " records row %s.",
        broken.seq() == null ? "" : " at row " + broken.seq(),
        broken.kind().code(),
        problem,
        result.rowsChecked(),
        result.headSeq() == null ? "none" : result.headSeq());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e
        ? String.valueOf(e.getMessage())
        : e.getMessage() + " (" + root.getMessage() + ")";
  }
}
