import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { describeEvent } from './describe-event.ts';

function event(type: string, data: Record<string, unknown>): TimelineEvent {
  return { type, data, occurredAt: '2026-11-23T16:00:00.000Z' } as unknown as TimelineEvent;
}

describe('timeline wording for the Identify events', () => {
  it('says where a reported incident came from in words', () => {
    const summary = (source: string) => describeEvent(event('incident.reported', { source, title: 'T', tlp: 'AMBER' })).summary;
    assert.equal(summary('web'), 'reported the incident');
    assert.equal(summary('alert'), 'reported the incident from an alert group');
    assert.equal(summary('email'), 'reported the incident from an e-mail report');
    assert.equal(summary('public-form'), 'reported the incident from the public report form');
    assert.equal(summary('carrier-pigeon'), 'reported the incident (via carrier-pigeon)');
  });

  it('counts an attached group in alerts and occurrences, like the group itself', () => {
    const d = describeEvent(event('triage.attached', { kind: 'alerts', title: 'Disk full', alerts: 2, occurrences: 1 }));
    assert.equal(d.summary, 'attached the alert group “Disk full” (2 alerts, 1 occurrence)');
    const report = describeEvent(event('triage.attached', { kind: 'form', title: 'Lost laptop' }));
    assert.equal(report.summary, 'attached the report “Lost laptop”');
    assert.deepEqual(report.details, ['Reported through the public report form']);
  });

  it('describes evidence by name, size and the start of its hash, all of it in the details', () => {
    const sha256 = 'ab'.repeat(32);
    const d = describeEvent(
      event('evidence.added', {
        name: 'invoice.html',
        size: 2048,
        sha256,
        source: 'e-mail from x@example.net',
        contentType: 'text/html',
      }),
    );
    assert.equal(d.summary, 'added evidence invoice.html (2.0 KB, SHA-256 abababab…)');
    assert.deepEqual(d.details, ['Source: e-mail from x@example.net', `SHA-256: ${sha256}`, 'Type: text/html']);
  });

  it('names an exported report by format and signing key, with the file’s hash and the timeline it shows', () => {
    const sha256 = 'cd'.repeat(32);
    const head = 'ef'.repeat(32);
    const d = describeEvent(
      event('report.exported', {
        format: 'pdf',
        sha256,
        size: 1000,
        keyId: '0123456789abcdef',
        timelineSeq: 41,
        timelineHead: head,
      }),
    );
    assert.equal(d.summary, 'exported the incident report as PDF, signed with key 0123456789abcdef');
    assert.deepEqual(d.details, [`SHA-256 of the signed file: ${sha256}`, `Shows the timeline up to event #41 (${head})`]);
  });
});

describe('timeline wording for chains of custody', () => {
  it('says where evidence went and what was noted', () => {
    const d = describeEvent(
      event('evidence.custody_recorded', {
        evidenceId: 'e1',
        name: 'disk.img',
        action: 'transferred',
        to: 'Oslo police',
        location: null,
        note: 'On USB',
        custodySeq: 2,
      }),
    );
    assert.equal(d.summary, 'recorded evidence disk.img as transferred to Oslo police');
    assert.deepEqual(d.details, ['Note: On USB']);
  });

  it('marks a failed verification as such, with both hashes', () => {
    const expected = 'ab'.repeat(32);
    const actual = 'cd'.repeat(32);
    const changed = describeEvent(
      event('evidence.verified', { evidenceId: 'e1', name: 'disk.img', ok: false, expected, actual }),
    );
    assert.equal(changed.kind, 'missed');
    assert.equal(changed.summary, 'verified evidence disk.img: its bytes CHANGED since it was collected');
    assert.deepEqual(changed.details, [`Expected SHA-256: ${expected}`, `Found SHA-256: ${actual}`]);
    const missing = describeEvent(event('evidence.verified', { evidenceId: 'e1', name: 'x', ok: false, expected, actual: null }));
    assert.equal(missing.summary, 'verified evidence x: its stored file is MISSING');
    const fine = describeEvent(event('evidence.verified', { evidenceId: 'e1', name: 'x', ok: true, expected, actual: expected }));
    assert.equal(fine.kind, 'note');
  });
});

describe('timeline wording for roles on the incident', () => {
  const by = (actorId: string, type: string, data: Record<string, unknown>) =>
    describeEvent({ ...event(type, data), actor: { id: actorId, name: 'Ada' } } as TimelineEvent);

  it('names who was given which role, in place of whom, and one who takes a role on', () => {
    const given = by('u-ada', 'role.assigned', {
      role: 'incident-manager',
      userId: 'u-rita',
      userName: 'Rita',
      previous: { userId: null, userName: 'Lars Lawyer' },
    });
    assert.equal(given.summary, 'made Rita the incident manager');
    assert.deepEqual(given.details, ['In place of Lars Lawyer']);
    const taken = by('u-ada', 'role.assigned', { role: 'legal', userId: 'u-ada', userName: 'Ada', previous: null });
    assert.equal(taken.summary, 'took on the role of legal lead');
    assert.deepEqual(taken.details, []);
  });

  it('says who no longer holds a role, and one who steps down', () => {
    assert.equal(
      by('u-ada', 'role.removed', { role: 'it-operations', userId: 'u-sara', userName: 'Sara' }).summary,
      'removed Sara as the IT operations lead',
    );
    assert.equal(
      by('u-ada', 'role.removed', { role: 'scribe', userId: 'u-ada', userName: 'Ada' }).summary,
      'stepped down as the scribe',
    );
    assert.equal(
      by('u-ada', 'role.removed', { role: 'legal', userId: null, userName: 'Lars Lawyer' }).summary,
      'removed Lars Lawyer as the legal lead',
    );
  });

  it('says a message to one person went to them through their own channels', () => {
    const told = describeEvent(
      event('notification.requested', {
        purpose: 'coordinate-responders',
        kind: 'message',
        subject: 'You are now the incident manager of {{incident.key}}',
        levels: ['primary'],
        to: { userId: 'u-rita', name: 'Rita' },
      }),
    );
    assert.equal(told.summary, 'sent a message to Rita through their own channels');
  });
});

describe('timeline wording for tasks', () => {
  it('says what a task change did, the override flagged for the review', () => {
    const changed = (data: Record<string, unknown>) =>
      describeEvent(event('task.changed', { taskId: 't', title: 'Isolate', ...data }));
    assert.equal(
      changed({ changes: { status: 'done' }, previous: { status: 'open' } }).summary,
      'marked the task “Isolate” done',
    );
    const given = changed({
      changes: { assigneeId: 'u', assigneeName: 'Rita' },
      previous: { assigneeId: null, assigneeName: null },
    });
    assert.equal(given.summary, 'gave the task “Isolate” to Rita');
    assert.deepEqual(given.details, ['Assignee: nobody → Rita']);
    const overridden = changed({
      changes: { status: 'done' },
      previous: { status: 'blocked' },
      override: 'No answer',
      forReview: true,
    });
    assert.match(overridden.summary, /without the customer’s instruction \(flagged for the review\)/);
    assert.equal(overridden.reason, 'No answer');
    const applied = describeEvent(
      event('tasks.applied', { playbookId: 'ransomware', playbookName: 'Ransomware', version: 1, taskIds: ['a', 'b'] }),
    );
    assert.equal(applied.summary, 'applied the playbook “Ransomware”: 2 tasks');
    const reminded = describeEvent(
      event('task.reminded', {
        taskId: 't',
        title: 'Isolate',
        dueAt: '2026-11-23T16:00:00.000Z',
        assigneeId: 'u',
        assigneeName: 'Rita',
        notificationId: 'n',
      }),
    );
    assert.equal(reminded.summary, 'reminded Rita that the task “Isolate” fell due');
  });
});
