// The protocol, one file per surface: common (envelope, version), errors (every code), room (the
// live quiz room). The typed event maps below are the union of the surfaces' maps and are shared by
// the server and the pages; a new kind of session adds its file and its maps here.
import type { CommonServerEvents } from './common';
import type { RoomClientEvents, RoomServerEvents } from './room';

export * from './common';
export * from './errors';
export * from './room';

export type ServerToClientEvents = CommonServerEvents & RoomServerEvents;
export type ClientToServerEvents = RoomClientEvents;

export type ClientEvent = keyof ClientToServerEvents;
