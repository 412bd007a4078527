// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			/** This request's id: the client's X-Request-ID when it looks like one, else a new UUID. */
			requestId: string;
			/** A logger whose lines carry the request id. */
			log: import('$lib/server/log').Logger;
			/** The UI language: Chinese unless English was asked for. */
			lang: import('$lib/i18n/lang').Lang;
			/** The signed-in user (from the session cookie), or null. */
			user: import('$lib/server/auth/service').SessionUser | null;
			session: import('$lib/server/auth/service').SessionInfo | null;
		}
		interface PageData {
			/** From the root layout: the UI language. */
			lang: import('$lib/i18n/lang').Lang;
			/** Set by host and account pages: the signed-in user for the header (null: signed out). */
			account?: import('$lib/server/auth/header').HeaderAccount | null;
		}
	}
}

export {};
