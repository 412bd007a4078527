import { describe, expect, it } from 'vitest';
import { joinTargets, Relay } from '../../src/lib/server/kernel/relay';

interface Rooms {
	view(pin: string): void;
}
interface Events {
	qaPublic(code: string): void;
}

describe('relay', () => {
	it('drops calls until a target is attached, then forwards them', () => {
		const relay = new Relay<Rooms>();
		const seen: string[] = [];
		relay.port.view('111111');
		relay.target = { view: (pin) => seen.push(pin) };
		relay.port.view('222222');
		expect(seen).toEqual(['222222']);
	});

	it('a joined target answers each kind of session’s methods from its own part', () => {
		const seen: string[] = [];
		class RoomPart implements Rooms {
			prefix = 'room:';
			view(pin: string) {
				seen.push(this.prefix + pin);
			}
		}
		const relay = new Relay<Rooms & Events>();
		relay.target = joinTargets(new RoomPart(), {
			qaPublic: (code: string) => seen.push(`qa:${code}`)
		});
		relay.port.view('123456');
		relay.port.qaPublic('ABCDEF');
		expect(seen).toEqual(['room:123456', 'qa:ABCDEF']);
	});
});
