/** Words of the moderators' page of children's free texts. */
export const childrenModeration = {
  mdTitle: "Free texts to moderate",
  mdLead:
    "Children's own words are shown in the results, the reports and on the portal only once a moderator approved them. Remove any part that could identify a child or someone else (a name, a school, a street); reject a text that cannot be shown. Names, phone numbers and e-mail addresses found when the text was sent are already replaced by […].",
  mdLink: "Moderate the free texts",
  mdShow: "Show",
  mdWaiting: "Waiting ({count})",
  mdDecided: "Decided ({count})",
  mdNoneWaiting: "No free text waits for a moderator.",
  mdNoneDecided: "No decision yet.",
  mdStatus:
    "{status, select, pending {Waiting} approved {Approved} redacted {Approved with parts removed} rejected {Rejected} other {status}}",
  mdFound: "Found when sent:",
  mdFinding:
    "{finding, select, email {an e-mail address} phone {a phone number} handle {a user name} name {a name} possible_name {perhaps a name} other {finding}}",
  mdPartLabel: "A part to remove (copy it from the text)",
  mdPartHint: "Each occurrence is replaced by […]. The preview above shows the text as it will be shown.",
  mdPartMissing: "This is not in the text: copy it exactly as written.",
  mdAddPart: "Remove this part",
  mdPartsToRemove: "Parts to remove",
  mdKeepPart: "Keep “{part}”",
  mdApprove: "Approve",
  mdRedact: "{count, plural, one {Remove # part and approve} other {Remove # parts and approve}}",
  mdReject: "Reject",
  mdHistory: "Decisions",
  mdDecision:
    "{status, select, approved {Approved} redacted {Parts removed ({parts}) and approved} rejected {Rejected} other {Decided}} by {by},",
};
