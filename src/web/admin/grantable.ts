import {
  type Actor,
  canGrant,
  type Grant,
  type PlaceScopeType,
  ROLES,
  type Role,
  type ScopeType,
  type Target,
} from "../../core/index.ts";

/** Countries by code with their region, to describe a grant's scope to `canGrant`. */
export type RegionOf = ReadonlyMap<string, string | null>;

function targetOf(scopeType: ScopeType, scopeCode: string, regionOf: RegionOf): Target {
  if (scopeType === "country") return { country: scopeCode, region: regionOf.get(scopeCode) ?? null };
  if (scopeType === "region") return { region: scopeCode };
  return {};
}

/**
 * The roles `actor` may hand out over a scope. Before a country or region is
 * chosen, the roles they may give over at least one of them, so the list is
 * never empty for someone who may invite.
 */
export function grantableRoles(
  actor: Actor,
  scopeType: ScopeType,
  scopeCode: string,
  regionOf: RegionOf,
): Role[] {
  const codes =
    scopeType === "platform"
      ? [""]
      : scopeCode
        ? [scopeCode]
        : scopeType === "country"
          ? [...regionOf.keys()]
          : [...new Set([...regionOf.values()].filter((r): r is string => !!r))];
  return ROLES.filter((role) =>
    codes.some((code) => {
      const grant: Grant = { role, scopeType, scopeCode: scopeType === "platform" ? null : code };
      return canGrant(actor, grant, targetOf(scopeType, code, regionOf));
    }),
  );
}

/** The scope types over which `actor` may give at least one role. */
export function grantableScopes(actor: Actor, regionOf: RegionOf): PlaceScopeType[] {
  const types: PlaceScopeType[] = ["country", "region", "platform"];
  return types.filter((type) => grantableRoles(actor, type, "", regionOf).length > 0);
}

/** Countries (or regions) over which `actor` may give some role, for the scope select. */
export function grantableCodes(actor: Actor, scopeType: "country" | "region", regionOf: RegionOf): string[] {
  const codes =
    scopeType === "country"
      ? [...regionOf.keys()]
      : [...new Set([...regionOf.values()].filter((r): r is string => !!r))].sort();
  return codes.filter((code) => grantableRoles(actor, scopeType, code, regionOf).length > 0);
}
