package org.accueil.patients.internal;

import org.accueil.platform.crypto.EncryptedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A patient's phone and e-mail are stored sealed ({@code FieldCipher}), each with a blind index for
 * exact lookups; names and birth date stay in clear for the staff's fuzzy search.
 */
@Configuration(proxyBeanMethods = false)
class ContactEncryption {

  static final String PHONE = "patient.phone";
  static final String EMAIL = "patient.email";

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
}
