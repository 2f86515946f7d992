import { z } from "zod";

/* The people who may be given work in an assessment (the assignment editor's list). */

export const personOut = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.string()).describe("Roles held on the assessment's country or its region"),
});
export type PersonOut = z.infer<typeof personOut>;
