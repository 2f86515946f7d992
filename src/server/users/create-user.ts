import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/connect.ts";
import { users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { assertPasswordAllowed } from "./password-policy.ts";
import { hashPassword } from "./passwords.ts";

export const newUser = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(12, "use at least 12 characters").max(200),
  isAdmin: z.boolean().default(false),
});

/** Creates a user account; refuses an e-mail address that is already used. */
export async function createUser(
  db: Db,
  input: z.input<typeof newUser>,
): Promise<{ id: string; email: string }> {
  const parsed = newUser.safeParse(input);
  if (!parsed.success) {
    throw new UserError(
      "invalid user",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  }
  const { email, name, password, isAdmin } = parsed.data;
  await assertPasswordAllowed(password, { email, name });
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken) throw new UserError(`a user with e-mail ${email} already exists`, [], 409);
  const [row] = await db
    .insert(users)
    .values({ email, name, isAdmin, passwordHash: await hashPassword(password) })
    .returning({ id: users.id, email: users.email });
  return row!;
}
