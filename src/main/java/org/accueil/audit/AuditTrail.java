package org.accueil.audit;

import org.accueil.audit.internal.AuditRepository;
import org.accueil.audit.internal.ChainVerifier;
import org.springframework.stereotype.Service;

/** Reading the audit trail: listing its rows and checking that the chain is intact. */
@Service
public class AuditTrail {

  private final AuditRepository repository;
  private final ChainVerifier verifier;

  AuditTrail(AuditRepository repository, ChainVerifier verifier) {
    this.repository = repository;
    this.verifier = verifier;
  }

  /** Rows matching {@code search}, newest first. */
  public AuditPage search(AuditSearch search) {
    return repository.search(search);
  }

  /** Reads every row in order and reports the first broken link, if any. */
  public Verification verify() {
    return verifier.verify();
  }
}
