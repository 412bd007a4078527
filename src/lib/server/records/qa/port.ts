// The Q&A record store port: an organisation's catalogue of Q&A events and their archives. The
// live store (live/qa-port.ts) holds an event while it runs and frees it after a while; this store
// keeps a row per event from its creation on, and from its first close the moderator view as it
// stood (the snapshot), so that past events stay listed and exportable.
//
// Ownership: a Q&A event always belongs to an organisation. Every read and write names it, and it
// is part of every query's WHERE (see ../port.ts): a caller acting for one organisation reaches no
// other's rows. The one exception is `ownerOf`, which says whose a code is and nothing else, so
// that a route can tell "not yours" (403) from "no such event" (404).
import type { QaModeratorView } from '../../../protocol';

/** The organisation a call acts for. */
export interface QaScope {
	orgId: string;
}

export interface QaEventCounts {
	/** Every question asked, whatever its status. */
	questions: number;
	answered: number;
	/** Votes standing (taken-back and banned participants' votes are not counted). */
	votes: number;
	/** Distinct participants who asked (voters are not known to the view: see qa/qa-archive.ts). */
	askers: number;
	polls: number;
}

export const NO_COUNTS: QaEventCounts = Object.freeze({
	questions: 0,
	answered: 0,
	votes: 0,
	askers: 0,
	polls: 0
});

export interface QaEventRecord {
	code: string;
	orgId: string;
	title: string;
	createdBy: string;
	createdAt: number;
	startsAt: number | null;
	endsAt: number | null;
	/** When it was closed; null while open (and after a reopen). */
	closedAt: number | null;
	/** As of the last archive; zeros before the first close. */
	counts: QaEventCounts;
	/** Whether a snapshot is kept (the event was closed at least once). */
	archived: boolean;
}

export type NewQaEventRecord = Omit<QaEventRecord, 'closedAt' | 'counts' | 'archived'>;

export interface QaArchive {
	closedAt: number;
	counts: QaEventCounts;
	snapshot: QaModeratorView;
}

export interface QaRecordStore {
	/** Adds the event to its organisation's catalogue, open; false (nothing written) when the code is taken. */
	createEvent(event: NewQaEventRecord): Promise<boolean>;
	getEvent(code: string, scope: QaScope): Promise<QaEventRecord | null>;
	/** The organisation's events, newest first (creation time, then code). */
	listEvents(scope: QaScope, limit: number): Promise<QaEventRecord[]>;
	/**
	 * Closes the event in the record (or, already closed, keeps its closing time) and replaces its
	 * snapshot and counts; false when the scope has no event by that code.
	 */
	archive(code: string, scope: QaScope, archive: QaArchive): Promise<boolean>;
	/** Marks the event open again; its snapshot stays until the next archive replaces it. */
	reopen(code: string, scope: QaScope): Promise<boolean>;
	/** The snapshot of the last archive; null before the first close (or for another scope's code). */
	getSnapshot(code: string, scope: QaScope): Promise<QaModeratorView | null>;
	/** Removes the event's row (an event whose live creation failed); false if the scope had none. */
	deleteEvent(code: string, scope: QaScope): Promise<boolean>;
	/** The organisation a code belongs to, or null when no event has it. Unscoped: see above. */
	ownerOf(code: string): Promise<string | null>;
}
