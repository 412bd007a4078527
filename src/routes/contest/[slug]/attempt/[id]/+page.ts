// The attempt runs in the browser: every step is a fetch, and a reload resumes from the server.
export const ssr = false;

export const load = ({ params }: { params: { slug: string; id: string } }) => ({
	slug: params.slug,
	attemptId: params.id
});
