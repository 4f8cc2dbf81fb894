import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreSentence, wordCount } from '../../src/deck/score.js';
import { cuesFor } from '../../src/markdown/cues.js';

const reasons = (sentence: string, lang: string) => scoreSentence(sentence, { opening: false, closing: false, lang }).reasons;

test('every language of the label tables has its own cue words; one not listed reads with English', () => {
  for (const lang of ['de', 'fr', 'es', 'pt', 'it', 'nl', 'ja', 'zh', 'ko', 'ar']) assert.notEqual(cuesFor(lang), cuesFor('en'), lang);
  assert.equal(cuesFor('sv'), cuesFor('en'));
  assert.equal(cuesFor('pt-BR'), cuesFor('pt'));
});

test('the quote score finds the cues in the guide’s language', () => {
  assert.ok(reasons('Das Wichtigste ist, dass das Team selbst entscheidet, nicht die Hierarchie.', 'de').includes('+3 cue "das Wichtigste"'));
  assert.ok(reasons('Ce qui compte vraiment, c’est l’équipe qui décide, pas la hiérarchie.', 'fr').includes('+3 cue "ce qui compte"'));
  assert.ok(reasons('最も大切なのは、チームが自分で決めることです。', 'ja').includes('+3 cue "最も大切な"'));
  assert.ok(reasons('Wir wollen nicht schneller werden, sondern besser zuhören als bisher.', 'de').some((r) => r.startsWith('+2 contrast')));
  assert.ok(reasons('Dies gilt auch dann, wenn das Team neu ist und wenig weiß.', 'de').includes('-2 leans on the sentence before'));
  // English words mean nothing in German, and the other way round.
  assert.deepEqual(reasons('The most important thing is that the team decides.', 'de').filter((r) => r.includes('cue')), []);
  assert.ok(reasons('The most important thing is that the team decides.', 'en').includes('+3 cue "the most important"'));
});

test('words are counted between spaces, or by ICU in scripts without them', () => {
  assert.equal(wordCount('Wer führen will, muss zuerst zuhören.'), 6);
  assert.ok(wordCount('チームを導きたいなら、まず聴くことです。') >= 6);
});
