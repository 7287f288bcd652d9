/**
 * The web UI's security: the session-based filter chain (form login, TOTP step, OpenID Connect,
 * CSRF, headers and Content-Security-Policy), the login and account pages, and the user management
 * API.
 */
@NullMarked
package org.accueil.security.users.web;

import org.jspecify.annotations.NullMarked;
