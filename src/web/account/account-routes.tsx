import type { ReactElement } from "react";
import { lazyPage } from "../routing/lazy-page.ts";
import type { Route } from "../routing/routes.ts";

const AuditPage = lazyPage(() => import("../admin/audit-page.tsx"), "AuditPage");
const InvitePage = lazyPage(() => import("../admin/invite-page.tsx"), "InvitePage");
const NewCyclePage = lazyPage(() => import("../admin/new-cycle-page.tsx"), "NewCyclePage");
const OutboxPage = lazyPage(() => import("../admin/outbox-page.tsx"), "OutboxPage");
const SecuritySettingsPage = lazyPage(
  () => import("../admin/security-settings-page.tsx"),
  "SecuritySettingsPage",
);
const UsersPage = lazyPage(() => import("../admin/users-page.tsx"), "UsersPage");
const MyWorkPage = lazyPage(() => import("../work/my-work-page.tsx"), "MyWorkPage");
const AcceptInvitationPage = lazyPage(() => import("./accept-invitation-page.tsx"), "AcceptInvitationPage");
const AccountSecurityPage = lazyPage(() => import("./account-security-page.tsx"), "AccountSecurityPage");
const ForgotPasswordPage = lazyPage(() => import("./forgot-password-page.tsx"), "ForgotPasswordPage");
const ResetPasswordPage = lazyPage(() => import("./reset-password-page.tsx"), "ResetPasswordPage");
const SignInPage = lazyPage(() => import("./sign-in-page.tsx"), "SignInPage");

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

/** The account or admin page for `route`. */
export function accountPageFor(route: AccountRoute): ReactElement {
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

/** Picks the account or admin page for `route`. */
export function AccountRoutePage({ route }: { route: AccountRoute }) {
  return accountPageFor(route);
}
