// The client's address, one rule for HTTP requests and sockets. Pages get it from SvelteKit's
// `event.getClientAddress()` (adapter-node: the peer, or the ADDRESS_HEADER the operator set, with
// XFF_DEPTH for X-Forwarded-For); sockets get the same from their handshake here, so that a limit
// counts one client once whichever way it arrives. A forwarding header is never read unless the
// operator named it: anyone can send one.
import type { IncomingHttpHeaders } from 'node:http';

/** Where the address comes from: the peer (no header), or a header set by a trusted proxy. */
export interface AddressRule {
	/** Lower-case header name (adapter-node's ADDRESS_HEADER); empty: the TCP peer. */
	header: string;
	/** For X-Forwarded-For: which entry from the right (adapter-node's XFF_DEPTH, default 1). */
	depth: number;
}

export function addressRuleFromEnv(env: NodeJS.ProcessEnv = process.env): AddressRule {
	const depth = Number.parseInt(env.XFF_DEPTH ?? '1', 10);
	return {
		header: (env.ADDRESS_HEADER ?? '').trim().toLowerCase(),
		depth: Number.isInteger(depth) && depth >= 1 ? depth : 1
	};
}

/**
 * A socket handshake's client address under `rule`, as adapter-node reads a request's. A handshake
 * that lacks the configured header (it did not come through the proxy) counts by its peer.
 */
export function handshakeAddress(
	headers: IncomingHttpHeaders,
	peer: string,
	rule: AddressRule
): string {
	if (!rule.header) return peer;
	const raw = headers[rule.header];
	const value = Array.isArray(raw) ? raw.join(',') : raw;
	if (!value) return peer;
	if (rule.header !== 'x-forwarded-for') return value.trim() || peer;
	const entries = value.split(',');
	if (rule.depth > entries.length) return peer;
	return entries[entries.length - rule.depth]!.trim() || peer;
}

/**
 * The key limits count an address under: IPv4 as is (an IPv4-mapped IPv6 peer unwrapped, so that
 * HTTP and sockets agree), IPv6 by its /64 — one household or LAN usually holds a whole /64, and
 * counting single IPv6 addresses would let one client use 2^64 of them.
 */
export function clientKey(address: string): string {
	const a = address.trim().toLowerCase();
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
	if (mapped) return mapped[1]!;
	if (!a.includes(':')) return a || 'unknown';
	const groups = expandIpv6(a.split('%')[0]!);
	return groups ? `${groups.slice(0, 4).join(':')}::/64` : a;
}

/** The eight 16-bit groups of an IPv6 address (hex, no leading zeros), or null if malformed. */
function expandIpv6(a: string): string[] | null {
	const halves = a.split('::');
	if (halves.length > 2) return null;
	const part = (s: string) => (s ? s.split(':') : []);
	const head = part(halves[0]!);
	const tail = halves.length === 2 ? part(halves[1]!) : [];
	// A trailing dotted quad (::ffff:1.2.3.4 forms other than the mapped one) is two groups.
	const last = tail.length ? tail : head;
	const quad = last.length ? /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(last[last.length - 1]!) : null;
	if (quad) {
		const [b0, b1, b2, b3] = quad.slice(1).map(Number) as [number, number, number, number];
		last.splice(last.length - 1, 1, ((b0 << 8) | b1).toString(16), ((b2 << 8) | b3).toString(16));
	}
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
	const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
	if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
	return groups.map((g) => parseInt(g, 16).toString(16));
}
