import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTypingTarget, keyIsForPage } from './page-hotkeys.ts';

describe('page shortcuts', () => {
  it('stay out of the way while someone types', () => {
    assert.equal(isTypingTarget({ tagName: 'INPUT', type: 'text' }), true);
    assert.equal(isTypingTarget({ tagName: 'INPUT', type: 'search' }), true);
    assert.equal(isTypingTarget({ tagName: 'INPUT' }), true);
    assert.equal(isTypingTarget({ tagName: 'TEXTAREA' }), true);
    assert.equal(isTypingTarget({ tagName: 'SELECT' }), true);
    assert.equal(isTypingTarget({ tagName: 'DIV', isContentEditable: true }), true);
  });

  it('work from radios, checkboxes, buttons, links and the page itself', () => {
    assert.equal(isTypingTarget({ tagName: 'INPUT', type: 'radio' }), false);
    assert.equal(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' }), false);
    assert.equal(isTypingTarget({ tagName: 'BUTTON' }), false);
    assert.equal(isTypingTarget({ tagName: 'A' }), false);
    assert.equal(isTypingTarget({ tagName: 'BODY' }), false);
    assert.equal(isTypingTarget(null), false);
  });

  it('leave a dialog or menu alone, even on its buttons and checkboxes', () => {
    const inDialog = { tagName: 'INPUT', type: 'checkbox', closest: (s: string) => (s.includes('dialog') ? {} : null) };
    assert.equal(keyIsForPage(inDialog), false);
    assert.equal(keyIsForPage({ tagName: 'BUTTON', closest: () => null }), true);
    assert.equal(keyIsForPage({ tagName: 'INPUT', type: 'radio', closest: () => null }), true);
  });
});
