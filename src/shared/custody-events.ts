// One stream type's part of the event vocabulary (see timeline-events.ts for the rules every event type follows).

/** What a person records in an item's chain of custody (POST /api/v1/evidence/:id/custody). */
export const CUSTODY_ACTIONS = ['transferred', 'stored', 'accessed', 'exported', 'returned', 'destroyed'] as const;
export type RecordedCustodyAction = (typeof CUSTODY_ACTIONS)[number];

/**
 * Every step in a chain of custody: what people record, and what Muster records by itself (collected on upload,
 * downloaded on every download, verified on every re-hash, and the customer's answers to a preservation request).
 */
export type CustodyAction =
  | RecordedCustodyAction
  | 'collected'
  | 'downloaded'
  | 'verified'
  | 'preservation_requested'
  | 'preserved'
  | 'not_preserved';

/**
 * Data of each event type on a custody stream: one stream per evidence item (stream id = the item's id) and one
 * per preservation request (stream id = the request's id), hash-chained like every other stream.
 */
export interface CustodyEventData {
  'custody.recorded': {
    action: CustodyAction;
    /** To whom it went (transferred, returned), in words. */
    to: string | null;
    /** Where it is kept now (stored, transferred), in words. */
    location: string | null;
    note: string;
    /** What the action needs besides: a verify's hashes and result, a preservation item's name… */
    details?: Record<string, unknown>;
  };
}
