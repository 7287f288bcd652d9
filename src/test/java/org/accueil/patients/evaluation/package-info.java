/**
 * A synthetic evaluation set for patient matching, and the scoring of a matcher's answers on it.
 * Test code only: the people are invented from the hand-written name lists beside these classes.
 *
 * <pre>{@code
 * SyntheticPopulation set = SyntheticPopulation.generate(2026, 10_000, 5_000);
 * // load set.registry() (registry index i = the i-th patient created), then for each query:
 * List<Answer> answers = set.queries().stream().map(q -> ask(matcher, q.details())).toList();
 * MatchEvaluation evaluation = MatchEvaluation.score(set, answers);
 * assertThat(evaluation.meetsTargets()).as(evaluation.markdown()).isTrue();
 * }</pre>
 *
 * <p>What a matcher may read from a query's {@link org.accueil.patients.evaluation.SyntheticPerson
 * details}: given name, family name, birth date, sex (absent in 30% of queries), phone and e-mail,
 * and the language only to choose the region of a national phone number (fr: FR, it: IT, en: GB;
 * {@code PhoneBook.region}). Phones are stored in E.164 in the registry and written in queries as
 * people write them ("06 12 34 56 78", "+33 (0)6...", "0039 347 1234567", "07812 345678"; 35% in
 * E.164). The household number and the birth family name are ground truth: queries carry no birth
 * name (a booking form asks for one family name), and the household must not be given to the
 * matcher.
 */
@NullMarked
package org.accueil.patients.evaluation;

import org.jspecify.annotations.NullMarked;
