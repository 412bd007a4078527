// A panel follows its user's membership of the organisation as it changes, not at their next
// action: promoted to admin, their open panels are closed and attach again as the event's host;
// removed from the organisation, their panels close and cannot attach again (held questions and
// askers' identities stop reaching them at once).
import { describe, expect, it } from 'vitest';
import { connect, emitAck, expectFail, liveModes, type ClientSocket } from '../support/server';
import { panel, qaStage } from '../support/qa';

const modes = await liveModes('qa-membership.test.ts');

const closedByServer = (socket: ClientSocket) =>
	new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe.each(modes)('Q&A panels and membership with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`qa membership (${mode.name})`, () => {
		const stage = qaStage(mode);

		it('a role change closes the panels, which attach again with the new role; a removal closes them for good', async () => {
			const { owner, colleague, orgId } = stage.orgs;
			const code = await stage.event({ preModeration: true });
			const asModerator = await panel(stage.server, colleague, code);
			expect(asModerator.role).toBe('moderator');

			const promoted = closedByServer(asModerator.socket);
			await stage.server.ctx.orgs.changeRole(owner.id, orgId, colleague.id, 'admin');
			expect(await promoted).toBe('io server disconnect');
			const asHost = await panel(stage.server, colleague, code);
			expect(asHost.role).toBe('host');

			const ownerPanel = await panel(stage.server, owner, code);
			const removed = closedByServer(asHost.socket);
			await stage.server.ctx.orgs.remove(owner.id, orgId, colleague.id);
			expect(await removed).toBe('io server disconnect');
			const again = await connect(stage.server.url, undefined, { cookie: colleague.cookie });
			expectFail(await emitAck(again, 'qa:attach', { code }), 'QA_NOT_MODERATOR');
			// Only that member's panels close: the owner's, open all along, still answers.
			expect(ownerPanel.socket.connected).toBe(true);
			const view = await emitAck(ownerPanel.socket, 'qa:event', { type: 'pin', questionId: null });
			expect(view.ok).toBe(true);
		});
	});
});
