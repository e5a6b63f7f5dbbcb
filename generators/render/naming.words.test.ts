/**
 * splitWords (naming.ts): the word split behind every identifier and the default client
 * folder of a document without agents (`splitWords(title).join('-')`).
 */
import { describe, expect, it } from 'vitest';
import { splitWords } from './naming.ts';

describe('splitWords', () => {
  it.each([
    ['separators at the ends and in runs give no empty words', '..Prompt..Creation--Requested__', ['Prompt', 'Creation', 'Requested']],
    ['spaces and brackets separate words', '  Order Service (v2) ', ['Order', 'Service', 'v2']],
    ['a lower-case letter or digit before a capital starts a word', 'userSignedUp2Now', ['user', 'Signed', 'Up2', 'Now']],
    ['an acronym ends before a capitalised word', 'HTTPRequestURLParser', ['HTTP', 'Request', 'URL', 'Parser']],
    ['nothing but separators gives no words', ' -_.!', []],
  ])('%s', (_why, text, words) => {
    // why: an empty word would become a leading/trailing/double "-" in a folder name or vanish inconsistently in identifiers.
    expect(splitWords(text)).toEqual(words);
  });
});
