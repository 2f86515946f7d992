/** Words of the page of a country's areas below the country: the tree, its list and its map shapes. */
export const networkAreas = {
  naNav: "Areas below the country",
  naTitle: "Areas below the country",
  naCountryTitle: "Areas of {country}",
  naLead:
    "A country's regions, districts and other areas as a tree. Assessments can be made for an area as for a country; the portal compares the areas of a country like the countries of a region, on a map when their shapes are given.",
  naCountry: "Country",
  naChoose: "Choose a country",
  naTree: "The tree of areas",
  naNone: "This country has no areas yet.",
  naCount:
    "{count, plural, one {# area} other {# areas}} on {levels, plural, one {# level} other {# levels}}",
  naLevel: "level {level}",
  naEdit: "Replace the areas",
  naEditLead:
    "One area a line: code, the code of the area above it (empty for a first-level area) and the name. A first line code,parent,name,name_fr,name_ar … gives the names in other languages. The whole list replaces the country's areas; nothing changes if any line has a problem.",
  naList: "Areas, one a line",
  naLoadFile: "Or load a CSV file into the list",
  naSave: "Replace the areas",
  naSaved: "{count, plural, one {# area saved.} other {# areas saved.}}",
  naProblems: "{count, plural, one {# problem to fix} other {# problems to fix}}",
  naShapes: "Map shapes",
  naShapesLead:
    "The outlines of the areas for the portal's maps: a GeoJSON FeatureCollection of Polygons or MultiPolygons, or a TopoJSON file, in longitude and latitude, at most 5 MB. Each feature names its area's code in a property. Coordinates are rounded and simplified when stored.",
  naNoShapes: "No shapes: the portal lists this country's areas without a map.",
  naShapesFrom: "From {file} ({format}, property {property}), uploaded on {date}.",
  naShapesCover: "{shaped} of {total} areas have a shape.",
  naShapesMap: "The areas' shapes as uploaded",
  naShapesFile: "GeoJSON or TopoJSON file",
  naCodeProperty: "Property holding the area code",
  naUpload: "Upload the shapes",
  naUploaded: "Shapes of {count, plural, one {# area} other {# areas}} saved.",
  naRemove: "Remove the shapes",
  naRemoveConfirm:
    "Remove the map shapes of this country's areas? The portal will list the areas without a map.",
  naRemoved: "The shapes were removed.",
  naReadOnly: "Those who manage the network in this country can change its areas and their shapes.",
};
