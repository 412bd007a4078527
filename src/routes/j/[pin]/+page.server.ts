// QR-code target: a short link that lands the player on the nickname step.
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	redirect(307, `/play/${params.pin}`);
};
