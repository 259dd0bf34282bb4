import { z } from 'zod';

/** The query parameters of a read that can unmask personal data; unmaskReason decides whether it may. */
export const UNMASK_QUERY = {
  unmask: z.enum(['true', 'false']).optional(),
  reason: z.string().max(500).optional(),
};
