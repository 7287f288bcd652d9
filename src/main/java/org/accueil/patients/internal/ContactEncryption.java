package org.accueil.patients.internal;

import org.accueil.platform.crypto.EncryptedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the registry stores sealed ({@code FieldCipher}), and under which blind index. Every phone
 * number, wherever it is recorded (a patient's main number, their other numbers, their WhatsApp and
 * SMS identities), is indexed under one purpose, {@link #PHONE}, so "who has this number?" is one
 * comparison of indexes in every table; likewise e-mail addresses under {@link #EMAIL}. Each column
 * has a context of its own (the AEAD's associated data), so a value cannot be moved to another
 * column and still open. Names and birth date stay in clear, for the staff's fuzzy search.
 */
@Configuration(proxyBeanMethods = false)
public class ContactEncryption {

  /** The patient's main phone: the cipher context, and the index purpose of every phone. */
  public static final String PHONE = "patient.phone";

  /** The patient's main e-mail: the cipher context, and the index purpose of every e-mail. */
  public static final String EMAIL = "patient.email";

  static final String ADDRESS = "patient.address";
  static final String TELECOM_PHONE = "patient_telecom.phone";
  static final String TELECOM_EMAIL = "patient_telecom.email";
  static final String CHANNEL_PHONE = "channel_identity.phone";
  static final String CHANNEL_EMAIL = "channel_identity.email";
  static final String CHANNEL_TOKEN = "channel_identity.token";
  static final String IDENTIFIER = "patient_identifier.value";
  static final String SURVIVOR_BEFORE = "patient_merge.survivor_before";

  @Bean
  EncryptedColumn patientPhoneColumn() {
    return EncryptedColumn.of("patient", "id", "phone_ciphertext", PHONE)
        .indexedBy("phone_index", PHONE);
  }

  @Bean
  EncryptedColumn patientEmailColumn() {
    return EncryptedColumn.of("patient", "id", "email_ciphertext", EMAIL)
        .indexedBy("email_index", EMAIL);
  }

  @Bean
  EncryptedColumn patientAddressColumn() {
    return EncryptedColumn.of("patient", "id", "address_ciphertext", ADDRESS);
  }

  @Bean
  EncryptedColumn telecomPhoneColumn() {
    return EncryptedColumn.of("patient_telecom", "id", "phone_ciphertext", TELECOM_PHONE)
        .indexedBy("phone_index", PHONE);
  }

  @Bean
  EncryptedColumn telecomEmailColumn() {
    return EncryptedColumn.of("patient_telecom", "id", "email_ciphertext", TELECOM_EMAIL)
        .indexedBy("email_index", EMAIL);
  }

  @Bean
  EncryptedColumn channelPhoneColumn() {
    return EncryptedColumn.of("channel_identity", "id", "phone_ciphertext", CHANNEL_PHONE)
        .indexedBy("phone_index", PHONE);
  }

  @Bean
  EncryptedColumn channelEmailColumn() {
    return EncryptedColumn.of("channel_identity", "id", "email_ciphertext", CHANNEL_EMAIL)
        .indexedBy("email_index", EMAIL);
  }

  @Bean
  EncryptedColumn channelTokenColumn() {
    return EncryptedColumn.of("channel_identity", "id", "token_ciphertext", CHANNEL_TOKEN)
        .indexedBy("token_index", CHANNEL_TOKEN);
  }

  @Bean
  EncryptedColumn identifierColumn() {
    return EncryptedColumn.of("patient_identifier", "id", "value_ciphertext", IDENTIFIER)
        .indexedBy("value_index", IDENTIFIER);
  }

  @Bean
  EncryptedColumn mergeSnapshotColumn() {
    return EncryptedColumn.of("patient_merge", "id", "survivor_before", SURVIVOR_BEFORE);
  }
}
