import type { ReactNode } from 'react';
import { notifySuccess } from '../core/notify.ts';
import { ConfirmModal } from './ConfirmModal.tsx';
import { type RegistryKind, useArchiveRecord } from './registry-api.ts';

interface ArchiveRecordModalProps {
  kind: RegistryKind;
  /** The record to archive; null keeps the dialog closed. */
  record: { id: string; name: string } | null;
  /** "contact", "service": in the title and the button. */
  what: string;
  onClose: () => void;
  /** What archiving it does (and what keeps it). */
  children: ReactNode;
}

/** Asks before archiving a registry record (a contact, a service), archives it and says so. */
export function ArchiveRecordModal({ kind, record, what, onClose, children }: ArchiveRecordModalProps) {
  const archive = useArchiveRecord(kind);
  return (
    <ConfirmModal
      opened={record !== null}
      onClose={() => {
        onClose();
        archive.reset();
      }}
      title={`Archive ${record?.name ?? what}?`}
      confirmLabel={`Archive ${what}`}
      pending={archive.isPending}
      error={archive.error}
      onConfirm={() =>
        record &&
        archive.mutate(record.id, {
          onSuccess: () => {
            notifySuccess(`${record.name} was archived`);
            onClose();
          },
        })
      }
    >
      {children}
    </ConfirmModal>
  );
}
