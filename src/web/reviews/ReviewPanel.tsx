import { Alert, Badge, Button, Divider, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { IconChevronDown, IconFileTypeHtml, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import type { Review } from '../../shared/review-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { ReasonModal } from '../core/ReasonModal.tsx';
import { formatAbsolute } from '../core/time.ts';
import { ReviewFindingsView } from './ReviewFindingsView.tsx';
import { ReviewForm } from './ReviewForm.tsx';
import { REVIEW_FIELD_LABELS, REVIEW_STATUS_LABELS } from './review-labels.ts';
import { type ReviewActions, useReview, useReviewActions } from './reviews-api.ts';

const STATUS_COLOURS = { open: 'blue', completed: 'teal', waived: 'gray' } as const;

/**
 * The post-incident review, once the incident is in review or closed: what the record says (pre-filled), what the
 * team writes, Complete and Waive, and the signed report that carries it.
 */
export function ReviewPanel({ incident }: { incident: Incident }) {
  if (incident.status !== 'reviewing' && incident.status !== 'closed') return null;
  return <ReviewCard incident={incident} />;
}

function ReviewCard({ incident }: { incident: Incident }) {
  const query = useReview(incident.id, incident.version);
  const actions = useReviewActions(incident);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="review-title" id="review">
      <QueryView query={query} loading="Loading the review" errorTitle="Could not load the review" isEmpty={() => false}>
        {(review) => <ReviewBody incident={incident} review={review} actions={actions} />}
      </QueryView>
    </Paper>
  );
}

function ReviewBody({ incident, review, actions }: { incident: Incident; review: Review; actions: ReviewActions }) {
  const [waiving, setWaiving] = useState(false);
  const open = review.status === 'open';
  const complete = () =>
    actions.complete
      .mutateAsync(review.version)
      .then(() => notifySuccess('The review is completed; its findings are kept as they stand now'))
      .catch((error) => notifyError('The review was not completed', error));
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Title order={2} fz="h4" id="review-title">
            Post-incident review
          </Title>
          <Badge color={STATUS_COLOURS[review.status]} variant="light">
            {REVIEW_STATUS_LABELS[review.status]}
          </Badge>
          <Badge color={review.required ? 'orange' : 'gray'} variant="outline">
            {review.required ? 'Required to close' : 'Optional'}
          </Badge>
        </Group>
        <ReportLinks incidentId={incident.id} />
      </Group>
      <StatusLine review={review} />
      <ReviewFindingsView findings={review.findings} frozen={review.status === 'completed'} />
      <Divider label="The team’s review" labelPosition="left" />
      {review.allowed.change ? (
        <ReviewForm review={review} actions={actions} />
      ) : (
        <WrittenFields review={review} closed={incident.status === 'closed'} />
      )}
      {review.allowed.change && open && (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setWaiving(true)}>
            Waive the review…
          </Button>
          <Button color="teal" onClick={complete} loading={actions.complete.isPending}>
            Complete the review
          </Button>
        </Group>
      )}
      <ReasonModal
        opened={waiving}
        onClose={() => setWaiving(false)}
        title="Waive the review"
        label="Why may the incident close without a review?"
        submitLabel="Waive the review"
        pending={actions.waive.isPending}
        onSubmit={(reason) =>
          actions.waive
            .mutateAsync({ reason, expectedVersion: review.version })
            .then(() => notifySuccess('The review is waived: the incident may close without one'))
        }
      >
        <Text size="sm">
          The incident may then close without a completed review. The reason is recorded on the timeline and in the report.
        </Text>
      </ReasonModal>
    </Stack>
  );
}

function StatusLine({ review }: { review: Review }) {
  if (review.status === 'completed') {
    return (
      <Text size="sm">
        Completed {review.completedAt ? formatAbsolute(review.completedAt) : ''} by {review.completedBy}.
      </Text>
    );
  }
  if (review.status === 'waived') {
    return (
      <Alert color="gray" variant="light" title={`Waived by ${review.completedBy ?? 'someone'}`}>
        {review.waiverReason}
      </Alert>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      Opened {formatAbsolute(review.openedAt)}.{' '}
      {review.required
        ? 'The incident closes once the review is completed, or waived with a reason.'
        : 'Not required for this incident’s severity: it may close without it.'}
    </Text>
  );
}

/** The team's words, read-only (completed, waived, closed, or a reader who may not change the incident). */
function WrittenFields({ review, closed }: { review: Review; closed: boolean }) {
  const { participants, ...texts } = review.fields;
  const written = Object.entries(texts).filter(([, v]) => v.trim());
  return (
    <Stack gap="xs">
      {closed && review.status === 'open' && (
        <Text size="sm" c="dimmed">
          The incident is closed: reopen it to write its review.
        </Text>
      )}
      {written.length === 0 && participants.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing written yet.
        </Text>
      ) : (
        <>
          {written.map(([field, value]) => (
            <div key={field}>
              <Text size="sm" fw={600}>
                {REVIEW_FIELD_LABELS[field as keyof typeof texts]}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {value}
              </Text>
            </div>
          ))}
          {participants.length > 0 && (
            <Text size="sm">
              <strong>{REVIEW_FIELD_LABELS.participants}:</strong> {participants.join(', ')}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

/** The review travels in the signed incident report: the same file, signature and verify-export check. */
function ReportLinks({ incidentId }: { incidentId: string }) {
  const href = (format: string) => `/api/v1/incidents/${encodeURIComponent(incidentId)}/report.${format}`;
  return (
    <Menu position="bottom-end" withArrow width={280}>
      <Menu.Target>
        <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />}>
          Export with the review
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed incident report, review included</Menu.Label>
        <Menu.Item component="a" href={href('pdf')} download leftSection={<IconFileTypePdf size={16} />}>
          PDF
        </Menu.Item>
        <Menu.Item component="a" href={href('html')} download leftSection={<IconFileTypeHtml size={16} />}>
          HTML
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
