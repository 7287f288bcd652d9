package org.accueil.patients.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.PostalAddress;
import org.accueil.patients.Sex;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record's details as named values, so a merge can say which it filled in on the survivor and an
 * unmerge can put back those nobody changed since.
 */
final class PatientFields {

  private final JsonMapper json;

  PatientFields(JsonMapper json) {
    this.json = json;
  }

  /** Each detail as text (or null), by the API's field names. */
  Map<String, @Nullable String> of(Patient p) {
    Map<String, @Nullable String> fields = new LinkedHashMap<>();
    fields.put("givenName", p.givenName());
    fields.put("familyName", p.familyName());
    fields.put("birthFamilyName", p.birthFamilyName());
    fields.put("birthDate", p.birthDate() == null ? null : p.birthDate().toString());
    fields.put("sex", p.sex() == null ? null : p.sex().code());
    fields.put("phone", p.phone());
    fields.put("email", p.email());
    fields.put("address", p.address() == null ? null : json.writeValueAsString(p.address()));
    fields.put("preferredLanguage", p.preferredLanguage());
    fields.put(
        "preferredChannel", p.preferredChannel() == null ? null : p.preferredChannel().code());
    return fields;
  }

  /** {@code p} with the fields given replaced. */
  Patient with(Patient p, Map<String, @Nullable String> changes) {
    Map<String, @Nullable String> f = of(p);
    f.putAll(changes);
    String birth = f.get("birthDate");
    String sex = f.get("sex");
    String address = f.get("address");
    String channel = f.get("preferredChannel");
    return new Patient(
        p.id(),
        p.status(),
        f.get("givenName"),
        f.get("familyName"),
        f.get("birthFamilyName"),
        birth == null ? null : LocalDate.parse(birth),
        sex == null ? null : Sex.ofCode(sex).orElseThrow(),
        f.get("phone"),
        f.get("email"),
        address == null ? null : json.readValue(address, PostalAddress.class),
        f.get("preferredLanguage"),
        channel == null ? null : Channel.ofCode(channel).orElseThrow(),
        p.origin(),
        p.mergedInto());
  }

  static boolean same(@Nullable String a, @Nullable String b) {
    return Objects.equals(a, b);
  }
}
