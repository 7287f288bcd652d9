/**
 * The page a patient fills in a form on ({@code /q/<token>}): a signed, expiring link, no sign-in,
 * in the patient's language, saved to finish later; a plain HTML form that works with no script.
 * See docs/WEB.md, "The form page".
 */
@NullMarked
package org.accueil.web.forms;

import org.jspecify.annotations.NullMarked;
