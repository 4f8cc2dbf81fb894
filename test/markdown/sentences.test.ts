import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCandidate } from '../../src/deck/score.js';
import { joinSentences, splitSentences } from '../../src/markdown/sentences.js';

test('a sentence does not end inside code in running text (`!==`, `?.`), nor after "Dr."', () => {
  assert.deepEqual(splitSentences('It compares with === and !==, never with ==, and that is all. Use a?.b instead. Ask Dr. Lee.'), [
    'It compares with === and !==, never with ==, and that is all.',
    'Use a?.b instead.',
    'Ask Dr. Lee.',
  ]);
  assert.deepEqual(splitSentences('Why? Because.'), ['Why?', 'Because.']);
  assert.deepEqual(splitSentences('日本語です。次の文です。', 'ja'), ['日本語です。', '次の文です。'], 'no space after 。 is still an end');
});

test('a quote is a whole sentence: one that runs on into a formula or a code block is not a candidate', () => {
  assert.equal(isCandidate('With a base delay and a cap, the expected total wait before the next attempt is'), false);
  assert.equal(isCandidate('The retries should spread out instead of lining up in waves like this:'), false);
  assert.equal(isCandidate('The retries should spread out instead of lining up in waves.'), true);
  assert.equal(isCandidate('“The retries should spread out instead of lining up in waves.”'), true);
});

test('opening marks start the next sentence and closing ones end the last, as ICU does not', () => {
  assert.deepEqual(splitSentences('同僚は言いました。「初めてです。」それは褒め言葉でした。', 'ja'), ['同僚は言いました。', '「初めてです。」', 'それは褒め言葉でした。']);
  assert.deepEqual(splitSentences('Elle a dit : «\u202fJe pense.\u202f» Puis elle est partie.', 'fr'), ['Elle a dit : «\u202fJe pense.\u202f»', 'Puis elle est partie.']);
  assert.deepEqual(splitSentences('Sie sagte: „Ich denke.“ Dann ging sie.', 'de'), ['Sie sagte: „Ich denke.“', 'Dann ging sie.']);
});

test('sentences join with a space, but none after a CJK full stop or closing bracket', () => {
  assert.equal(joinSentences(['One.', 'Two.']), 'One. Two.');
  assert.equal(joinSentences(['間は空白ではありません。', 'その間に考えています。']), '間は空白ではありません。その間に考えています。');
  assert.equal(joinSentences(['他说：“好。”', '然后走了。']), '他说：“好。”然后走了。');
  assert.equal(joinSentences(['He said “Hi.”', 'Then left.']), 'He said “Hi.” Then left.');
  assert.equal(joinSentences(['「はい。」', '次へ。']), '「はい。」次へ。');
  assert.equal(joinSentences([]), '');
});
