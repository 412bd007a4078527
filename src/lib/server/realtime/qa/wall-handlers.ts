// A Q&A wall (the big screen at /screen/qa/CODE, or its OBS overlay): it watches the public view
// under no identity and can do nothing else. An unknown code is a miss that the per-address
// look-up guard charges, as for a phone's join, so that a wall cannot be used to scan for codes.
import { qaWatchSchema } from '../../../protocol';
import { lookupEvent, type RegisterSurface } from '../on';
import { bindQa, requireFreeFor } from './binding';

export const registerQaWallHandlers: RegisterSurface = (events, ctx, observe) => {
	events.on(
		'qa:watch',
		qaWatchSchema,
		lookupEvent(ctx.abuse.lookups, observe),
		async ({ code }, socket) => {
			requireFreeFor(socket, { role: 'screen', code });
			const view = await ctx.qa.publicView(code); // QA_NOT_FOUND for an unknown code
			await bindQa(socket, { role: 'screen', code });
			return { view };
		}
	);
};
