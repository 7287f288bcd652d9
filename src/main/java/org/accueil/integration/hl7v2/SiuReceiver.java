package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.parser.Parser;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.protocol.ReceivingApplicationExceptionHandler;
import ca.uhn.hl7v2.protocol.impl.ApplicationRouterImpl;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.accueil.integration.hl7v2.Hl7Inbox.State;
import org.accueil.integration.hl7v2.SiuReader.Refusal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the MLLP listener does with each message: store it and commit, then answer. HAPI's server
 * calls {@link #processMessage} on the connection's thread and writes the returned ACK only after
 * it returns, so an ACK always means the row is committed. A message HAPI cannot parse reaches
 * {@link #processException} with its text, and is stored too.
 *
 * <p>When the database cannot take the message, no ACK at all is sent (the exception leaves HAPI's
 * router without a response): the sender's ACK timeout makes it send the message again, which is
 * the one signal every MLLP sender acts on.
 */
final class SiuReceiver
    implements ReceivingApplication<Message>, ReceivingApplicationExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(SiuReceiver.class);

  private final Hl7Inbox inbox;
  private final TransactionTemplate transactions;
  private final PracticeZones zones;
  private final Clock clock;
  private final Runnable wakeWorker;
  private final Parser parser;

  SiuReceiver(
      Parser parser,
      Hl7Inbox inbox,
      TransactionTemplate transactions,
      PracticeZones zones,
      Clock clock,
      Runnable wakeWorker) {
    this.parser = parser;
    this.inbox = inbox;
    this.transactions = transactions;
    this.zones = zones;
    this.clock = clock;
    this.wakeWorker = wakeWorker;
  }

  @Override
  public boolean canProcess(Message message) {
    return true;
  }

  @Override
  public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
    String raw = (String) metadata.get(ApplicationRouterImpl.RAW_MESSAGE_KEY);
    if (raw == null) {
      raw = message.encode();
    }
    Header header = Header.of(raw);
    SiuReader.Reading reading =
        header.controlId() == null
            ? new SiuReader.Refused(
                Refusal.content(
                    ErrorCode.REQUIRED_FIELD_MISSING,
                    "MSH-10 (message control id) is required: Accueil deduplicates on it."))
            : SiuReader.read(message, header);
    Answer answer = receive(header, raw, reading);
    try {
      return answer.refusal() == null
          ? message.generateACK(answer.code(), null)
          : message.generateACK(
              answer.code(), new HL7Exception(answer.refusal().text(), answer.refusal().error()));
    } catch (IOException e) {
      throw new HL7Exception("Could not build the ACK", e);
    }
  }

  /** A message HAPI could not parse (or a failure of ours): stored as rejected, answered AE. */
  @Override
  public String processException(
      String raw, Map<String, Object> metadata, @Nullable String hapiResponse, Exception e) {
    if (e instanceof NotStored notStored) {
      throw notStored;
    }
    Header header = Header.of(raw);
    ErrorCode code =
        e instanceof HL7Exception h ? h.getError() : ErrorCode.APPLICATION_INTERNAL_ERROR;
    // HAPI's exception messages quote the message: the text kept and sent back names the error
    // only.
    Refusal refusal =
        header == Header.NONE
            ? Refusal.content(
                ErrorCode.SEGMENT_SEQUENCE_ERROR,
                "No MSH segment: Accueil reads HL7 v2 in its pipe-delimited (ER7) encoding.")
            : Refusal.content(
                code == ErrorCode.APPLICATION_INTERNAL_ERROR
                    ? ErrorCode.SEGMENT_SEQUENCE_ERROR
                    : code,
                "The message could not be parsed as HL7 v2 (" + code.getMessage() + ").");
    Answer answer = receive(header, raw, new SiuReader.Refused(refusal));
    try {
      return nak(raw, answer);
    } catch (HL7Exception | IOException failure) {
      throw new NotStored("Could not build the NAK", failure);
    }
  }

  private record Answer(AcknowledgmentCode code, @Nullable Refusal refusal) {}

  private Answer receive(Header header, String raw, SiuReader.Reading reading) {
    Instant now = clock.instant();
    Hl7Inbox.Received received =
        switch (reading) {
          case SiuReader.Read(Siu siu) ->
              new Hl7Inbox.Received(
                  header,
                  siu,
                  header.sendingApplication() + "|" + siu.fillerId(),
                  orderedAt(header, now),
                  now,
                  raw,
                  AcknowledgmentCode.AA,
                  State.PENDING,
                  null);
          case SiuReader.Refused(Refusal refusal) ->
              new Hl7Inbox.Received(
                  header,
                  null,
                  null,
                  now,
                  now,
                  raw,
                  refusal.code(),
                  State.REJECTED,
                  refusal.text());
        };
    Optional<Long> stored;
    try {
      stored = transactions.execute(s -> inbox.store(received));
    } catch (DataAccessException e) {
      log.error(
          "HL7 v2 message {} not stored; no ACK sent, the sender will retry",
          header.controlId(),
          e);
      throw new NotStored("HL7 v2 message not stored", e);
    }
    if (stored == null || stored.isEmpty()) {
      // The sender did not get our ACK the first time: the same answer again, nothing reapplied.
      AcknowledgmentCode first = inbox.ackOf(header).orElse(AcknowledgmentCode.AA);
      log.info(
          "HL7 v2 message {} from {} received again",
          header.controlId(),
          header.sendingApplication());
      return new Answer(
          first,
          first == AcknowledgmentCode.AA
              ? null
              : Refusal.content(
                  ErrorCode.DUPLICATE_KEY_IDENTIFIER, "Received before and refused then."));
    }
    if (reading instanceof SiuReader.Refused(Refusal refusal)) {
      log.warn(
          "HL7 v2 message {} from {} refused ({}): {}",
          header.controlId() == null ? "without a control id" : header.controlId(),
          header.sendingApplication().isEmpty() ? "an unnamed sender" : header.sendingApplication(),
          refusal.code(),
          refusal.text());
      return new Answer(refusal.code(), refusal);
    }
    wakeWorker.run();
    return new Answer(AcknowledgmentCode.AA, null);
  }

  /** MSH-7 when it can be read, in the practice's zone when it has no offset; else now. */
  private Instant orderedAt(Header header, Instant now) {
    if (header.sentAt() == null) {
      return now;
    }
    try {
      return Hl7Times.instant(header.sentAt(), zones.of(null));
    } catch (IllegalArgumentException e) {
      return now;
    }
  }

  /** An ACK for text HAPI could not parse: from its MSH when there is one, else a bare one. */
  private String nak(String raw, Answer answer) throws HL7Exception, IOException {
    Refusal refusal = answer.refusal();
    HL7Exception error =
        refusal == null
            ? new HL7Exception("Received before.", ErrorCode.DUPLICATE_KEY_IDENTIFIER)
            : new HL7Exception(refusal.text(), refusal.error());
    Message ack;
    try {
      Segment msh = parser.getCriticalResponseData(raw);
      msh.getMessage().setParser(parser);
      ack = msh.getMessage().generateACK(answer.code(), error);
    } catch (HL7Exception | RuntimeException unreadable) {
      // Not even an MSH: an ACK of our own, with nothing to echo in MSA-2.
      ACK bare = new ACK();
      bare.setParser(parser);
      bare.initQuickstart("ACK", null, "P");
      bare.getMSA().getAcknowledgmentCode().setValue(answer.code().name());
      error.populateResponse(bare, answer.code(), 0);
      ack = bare;
    }
    return parser.encode(ack);
  }

  /** The message is not in the inbox: no ACK may be sent. */
  static final class NotStored extends RuntimeException {
    NotStored(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
