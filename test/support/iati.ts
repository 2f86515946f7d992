import { readFileSync } from "node:fs";
import { validateXML } from "xmllint-wasm";
import { sharedData } from "./shared-data.ts";

/** Validates XML against the official IATI 2.03 activity schema in shared/data/iati/schema. */
export async function validateIati(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const file = (name: string) => ({
    fileName: name,
    contents: readFileSync(sharedData("iati", "schema", name), "utf8"),
  });
  const result = await validateXML({
    xml: { fileName: "plan.iati.xml", contents: xml },
    schema: [file("iati-activities-schema.xsd")],
    preload: [file("iati-common.xsd"), file("xml.xsd")],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

/**
 * A small IATI file in the 1.03 style (text in the elements, `xml:lang` on them):
 * two results, number, percentage and qualitative indicators, two periods, French.
 */
export const IATI_103 = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="1.03" generated-datetime="2014-01-01T00:00:00">
 <iati-activity xml:lang="fr" default-currency="EUR" last-updated-datetime="2014-01-01T00:00:00">
  <iati-identifier>XM-TEST-0001</iati-identifier>
  <reporting-org ref="XM-TEST" type="22">Coalition test</reporting-org>
  <title xml:lang="fr">Protection de l'enfance &amp; justice</title>
  <title xml:lang="en">Child protection &amp; justice</title>
  <activity-date type="start-planned" iso-date="2014-01-01"/>
  <activity-date type="end-planned" iso-date="2015-12-31"/>
  <result type="2">
   <title>Les enfants ont accès à la justice</title>
   <indicator measure="1" ascending="1">
    <title>Nombre d'enfants assistés</title>
    <baseline year="2013" value="120"/>
    <period>
     <period-start iso-date="2014-01-01"/><period-end iso-date="2014-12-31"/>
     <target value="200"/><actual value="180.5"><comment>Données partielles</comment></actual>
    </period>
    <period>
     <period-start iso-date="2015-01-01"/><period-end iso-date="2015-12-31"/>
     <target value="300"/>
    </period>
   </indicator>
   <indicator measure="2" ascending="0">
    <title>Taux de détention provisoire</title>
    <baseline year="2013" value="40%"/>
    <period>
     <period-start iso-date="2014-01-01"/><period-end iso-date="2014-12-31"/>
     <target value="30"/><actual value="35%"/>
    </period>
   </indicator>
  </result>
  <result type="1">
   <title>Loi adoptée</title>
   <indicator measure="5">
    <title>Statut de la loi</title>
    <period>
     <period-start iso-date="2014-01-01"/><period-end iso-date="2014-12-31"/>
     <target value="Adoptée"/><actual value="En seconde lecture"/>
    </period>
   </indicator>
  </result>
 </iati-activity>
</iati-activities>
`;
