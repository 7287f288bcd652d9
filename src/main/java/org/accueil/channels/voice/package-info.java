/**
 * Phone calls through Twilio Programmable Voice: the caller is greeted in their language, each
 * thing they say is stored for their timeline, and a {@link org.accueil.channels.CallResponder}
 * decides the next words or puts them through to the practice's line. See docs/channels/voice.md.
 */
@NullMarked
package org.accueil.channels.voice;

import org.jspecify.annotations.NullMarked;
