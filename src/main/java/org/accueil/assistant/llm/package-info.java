/**
 * The optional language-model mode, off by default: any OpenAI-compatible endpoint (OpenAI, Ollama,
 * vLLM, llama.cpp's server) may propose an intent the rules did not find ({@link
 * org.accueil.assistant.understanding.IntentAdvisor}) and phrase the dialogue's replies ({@link
 * org.accueil.assistant.understanding.ReplyPhraser}). It never acts: whatever it proposes goes
 * through the same tools and rules, and triage has run, deterministically, before it is asked.
 */
@NullMarked
package org.accueil.assistant.llm;

import org.jspecify.annotations.NullMarked;
