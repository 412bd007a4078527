// The protocol, one file per surface: common (envelope, version), errors (every code), room (the
// live quiz room), qa (the live Q&A event), contest (the self-paced contest, over HTTP). The typed event maps below are the union of the
// surfaces' maps and are shared by the server and the pages; a new kind of session adds its file
// and its maps here.
import type { CommonServerEvents } from './common';
import type { QaClientEvents, QaServerEvents } from './qa';
import type { RoomClientEvents, RoomServerEvents } from './room';

export * from './common';
export * from './errors';
export * from './room';
export * from './room-rounds';
export * from './qa';
export * from './contest';

export type ServerToClientEvents = CommonServerEvents & RoomServerEvents & QaServerEvents;
export type ClientToServerEvents = RoomClientEvents & QaClientEvents;

export type ClientEvent = keyof ClientToServerEvents;
