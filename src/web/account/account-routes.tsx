import { AuditPage } from "../admin/audit-page.tsx";
import { InvitePage } from "../admin/invite-page.tsx";
import { NewCyclePage } from "../admin/new-cycle-page.tsx";
import { OutboxPage } from "../admin/outbox-page.tsx";
import { SecuritySettingsPage } from "../admin/security-settings-page.tsx";
import { UsersPage } from "../admin/users-page.tsx";
import type { Route } from "../routing/routes.ts";
import { MyWorkPage } from "../work/my-work-page.tsx";
import { AcceptInvitationPage } from "./accept-invitation-page.tsx";
import { AccountSecurityPage } from "./account-security-page.tsx";
import { ForgotPasswordPage } from "./forgot-password-page.tsx";
import { ResetPasswordPage } from "./reset-password-page.tsx";
import { SignInPage } from "./sign-in-page.tsx";

/** The account, "my work" and admin pages, so app.tsx needs one line for all of them. */
export type AccountRoute = Extract<
  Route,
  {
    page:
      | "sign-in"
      | "forgot-password"
      | "reset-password"
      | "accept-invitation"
      | "work"
      | "admin-new-cycle"
      | "admin-invitations"
      | "admin-outbox"
      | "account-security"
      | "admin-security"
      | "admin-users"
      | "admin-audit";
  }
>;

/** Picks the account or admin page for `route`. */
export function AccountRoutePage({ route }: { route: AccountRoute }) {
  switch (route.page) {
    case "sign-in":
      return <SignInPage />;
    case "forgot-password":
      return <ForgotPasswordPage />;
    case "reset-password":
      return <ResetPasswordPage />;
    case "accept-invitation":
      return <AcceptInvitationPage />;
    case "work":
      return <MyWorkPage />;
    case "admin-new-cycle":
      return <NewCyclePage />;
    case "admin-invitations":
      return <InvitePage />;
    case "admin-outbox":
      return <OutboxPage />;
    case "account-security":
      return <AccountSecurityPage />;
    case "admin-security":
      return <SecuritySettingsPage />;
    case "admin-users":
      return <UsersPage />;
    case "admin-audit":
      return <AuditPage />;
  }
}
