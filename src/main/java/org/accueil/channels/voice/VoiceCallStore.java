package org.accueil.channels.voice;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code voice_call} table: each call's state, keyed by its CallSid. */
@Repository
class VoiceCallStore {

  static final String CALLER = "voice_call.caller";

  private final JdbcClient jdbc;
  private final FieldCipher cipher;

  VoiceCallStore(JdbcClient jdbc, FieldCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  record VoiceCall(
      String callSid,
      String caller,
      Locale language,
      int lastTurn,
      @Nullable String lastReply,
      int spokenTurns,
      int misunderstood,
      String outcome,
      Instant startedAt) {}

  /** Starts the call's state; a second start (Twilio asking again) keeps the first. */
  void start(String callSid, String caller, Locale language, Instant at) {
    jdbc.sql(
            """
            INSERT INTO voice_call (call_sid, caller, language, started_at)
            VALUES (:sid, :caller, :language, :at)
            ON CONFLICT (call_sid) DO NOTHING
            """)
        .param("sid", callSid)
        .param("caller", cipher.encrypt(caller, CALLER))
        .param("language", language.getLanguage())
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** The call, locked until the caller's transaction ends: its turns are taken one at a time. */
  Optional<VoiceCall> lock(String callSid) {
    return jdbc.sql("SELECT * FROM voice_call WHERE call_sid = :sid FOR UPDATE")
        .param("sid", callSid)
        .query(
            (rs, n) ->
                new VoiceCall(
                    rs.getString("call_sid"),
                    cipher.decrypt(rs.getBytes("caller"), CALLER),
                    Locale.forLanguageTag(rs.getString("language")),
                    rs.getInt("last_turn"),
                    rs.getString("last_reply"),
                    rs.getInt("spoken_turns"),
                    rs.getInt("misunderstood"),
                    rs.getString("outcome"),
                    rs.getTimestamp("started_at").toInstant()))
        .optional();
  }

  void turnTaken(
      String callSid,
      int turn,
      String reply,
      int spokenTurns,
      int misunderstood,
      @Nullable String outcome) {
    jdbc.sql(
            """
            UPDATE voice_call
               SET last_turn = :turn, last_reply = :reply, spoken_turns = :spoken,
                   misunderstood = :misunderstood, outcome = coalesce(CAST(:outcome AS text), outcome)
             WHERE call_sid = :sid
            """)
        .param("sid", callSid)
        .param("turn", turn)
        .param("reply", reply)
        .param("spoken", spokenTurns)
        .param("misunderstood", misunderstood)
        .param("outcome", outcome)
        .update();
  }

  void outcome(String callSid, String outcome) {
    jdbc.sql("UPDATE voice_call SET outcome = :outcome WHERE call_sid = :sid")
        .param("sid", callSid)
        .param("outcome", outcome)
        .update();
  }

  void ended(String callSid, Instant at) {
    jdbc.sql("UPDATE voice_call SET ended_at = coalesce(ended_at, :at) WHERE call_sid = :sid")
        .param("sid", callSid)
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Forgets calls started before {@code cutoff}: their callers' numbers need not stay. */
  int forgetStartedBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM voice_call WHERE started_at < :cutoff")
        .param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
        .update();
  }
}
