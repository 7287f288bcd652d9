/**
 * Staff accounts as the database keeps them, the password and second-factor rules, and the login
 * decisions (lockout, TOTP, OpenID Connect linking). Module-internal: other modules use {@link
 * org.accueil.security.StaffAccounts}.
 */
@NullMarked
package org.accueil.security.users;

import org.jspecify.annotations.NullMarked;
