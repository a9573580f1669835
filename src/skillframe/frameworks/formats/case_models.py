"""Pydantic models of the 1EdTech CASE 1.1 JSON binding, for checking what we publish.

Encoded from the official schemas: `core/config/schema/case-v1p1-cfpackage-schema.json` in
opensalt/opensalt (the getCFPackage response) and the CASE 1.1 OpenAPI/JSON-schema binding of
24 January 2025 published by 1EdTech (1EdTech/CASE-bootcamp,
`CASEProvider/public/openapi-spec.json`) for the standalone CFDocument/CFItem/CFAssociation,
the CFDocumentSet and CFAssociationSet responses and imsx_StatusInfo.

Rules kept: required fields, `additionalProperties: false` (extra="forbid"), types without
coercion (strict), the UUID pattern (anchored here: the schema's pattern is unanchored, we want
the whole value to match), the `uri`, `date-time`, `date` and `int32` formats, and the
associationType vocabulary (enumeration or `ext:` extension). An optional field is either
absent or of its type: the schema never allows null, so an explicit null is rejected too.
These models are strict on purpose; importing third-party packages, which often bend these
rules, goes through the lenient reader in case_load.py instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

# CASE 1.1 (2025 binding): lowercase hex, UUID version 1-5, RFC 4122 variant.
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
ASSOCIATION_TYPES = (
    "isChildOf",
    "isPeerOf",
    "isPartOf",
    "exactMatchOf",
    "precedes",
    "isRelatedTo",
    "replacedBy",
    "exemplar",
    "hasSkillLevel",
    "isTranslationOf",
)
EXTENSION_TYPE = re.compile(r"^ext:[a-zA-Z0-9.\-_]+$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")  # RFC 3986 absolute URI, no spaces
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT32 = (-(2**31), 2**31 - 1)
# Prefix of Skillframe's own keys in CASE `extensions` objects ("prefix:name", as 1EdTech asks).
EXT = "skillframe:"


def is_case_uuid(value: str) -> bool:
    """Whether `value` is an identifier as CASE 1.1 wants it (lowercase UUID, version 1-5)."""
    return re.match(UUID_PATTERN, value) is not None


def _uri(value: str) -> str:
    if not _URI.match(value):
        raise ValueError("not an absolute URI")
    return value


def _date_time(value: str) -> str:
    # RFC 3339 (JSON schema "date-time"): a time zone is required.
    if not _DATE_TIME.match(value):
        raise ValueError("not an RFC 3339 date-time with time zone")
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def _date(value: str) -> str:
    if not _DATE.match(value):
        raise ValueError("not a date (YYYY-MM-DD)")
    date.fromisoformat(value)
    return value


def _association_type(value: str) -> str:
    if value not in ASSOCIATION_TYPES and not EXTENSION_TYPE.match(value):
        raise ValueError("not a CASE association type nor an ext: extension")
    return value


def _target_type(value: str) -> str:
    if value != "CASE" and not EXTENSION_TYPE.match(value):
        raise ValueError("targetType must be 'CASE' or an ext: extension")
    return value


CaseUUID = Annotated[str, Field(pattern=UUID_PATTERN)]
Uri = Annotated[str, AfterValidator(_uri)]
DateTime = Annotated[str, AfterValidator(_date_time)]
Date = Annotated[str, AfterValidator(_date)]
Int32 = Annotated[int, Field(ge=_INT32[0], le=_INT32[1])]
AssociationType = Annotated[str, AfterValidator(_association_type)]
TargetType = Annotated[str, AfterValidator(_target_type)]
# Extension containers are open objects (additionalProperties: true).
Extensions = dict[str, Any]


class CaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, data: Any) -> Any:
        if isinstance(data, dict):
            nulls = [key for key, value in data.items() if value is None]
            if nulls:
                raise ValueError(f"null is not allowed for {', '.join(nulls)}")
        return data


class LinkURI(CaseModel):
    title: str
    identifier: CaseUUID
    uri: Uri


class LinkGenURI(CaseModel):
    title: str
    identifier: str  # "this may or may not be a UUID"
    uri: Uri
    targetType: TargetType | None = None


class CFPckgDocument(CaseModel):
    identifier: CaseUUID
    uri: Uri
    frameworkType: str | None = None
    caseVersion: Literal["1.1"] | None = None
    creator: str
    title: str
    lastChangeDateTime: DateTime
    officialSourceURL: Uri | None = None
    publisher: str | None = None
    description: str | None = None
    subject: list[str] | None = None
    subjectURI: list[LinkURI] | None = None
    language: str | None = None
    version: str | None = None
    adoptionStatus: str | None = None
    statusStartDate: Date | None = None
    statusEndDate: Date | None = None
    licenseURI: LinkURI | None = None
    notes: str | None = None
    extensions: Extensions | None = None


class CFDocument(CFPckgDocument):
    """A CFDocument outside a package (getCFDocument, getAllCFDocuments)."""

    CFPackageURI: LinkURI


class CFPckgItem(CaseModel):
    identifier: CaseUUID
    fullStatement: str
    alternativeLabel: str | None = None
    CFItemType: str | None = None
    uri: Uri
    humanCodingScheme: str | None = None
    listEnumeration: str | None = None
    abbreviatedStatement: str | None = None
    conceptKeywords: list[str] | None = None
    conceptKeywordsURI: LinkURI | None = None
    notes: str | None = None
    subject: list[str] | None = None
    subjectURI: list[LinkURI] | None = None
    language: str | None = None
    educationLevel: list[str] | None = None
    CFItemTypeURI: LinkURI | None = None
    licenseURI: LinkURI | None = None
    statusStartDate: Date | None = None
    statusEndDate: Date | None = None
    lastChangeDateTime: DateTime
    extensions: Extensions | None = None


class CFItem(CFPckgItem):
    """A CFItem outside a package (getCFItem, getCFItemAssociations)."""

    CFDocumentURI: LinkURI


class CFPckgAssociation(CaseModel):
    identifier: CaseUUID
    associationType: AssociationType
    sequenceNumber: Int32 | None = None
    uri: Uri
    originNodeURI: LinkGenURI
    destinationNodeURI: LinkGenURI
    CFAssociationGroupingURI: LinkURI | None = None
    lastChangeDateTime: DateTime
    notes: str | None = None
    extensions: Extensions | None = None


class CFAssociation(CFPckgAssociation):
    """A CFAssociation outside a package (getCFAssociation)."""

    CFDocumentURI: LinkURI | None = None


class _Definition(CaseModel):
    identifier: CaseUUID
    uri: Uri
    title: str
    lastChangeDateTime: DateTime
    extensions: Extensions | None = None


class CFItemType(_Definition):
    description: str
    hierarchyCode: str
    typeCode: str | None = None


class CFConcept(_Definition):
    keywords: str | None = None
    hierarchyCode: str
    description: str | None = None


class CFSubject(_Definition):
    hierarchyCode: str
    description: str | None = None


class CFLicense(_Definition):
    description: str | None = None
    licenseText: str


class CFAssociationGrouping(_Definition):
    description: str | None = None


class CFDefinition(CaseModel):
    CFConcepts: list[CFConcept] | None = None
    CFSubjects: list[CFSubject] | None = None
    CFLicenses: list[CFLicense] | None = None
    CFItemTypes: list[CFItemType] | None = None
    CFAssociationGroupings: list[CFAssociationGrouping] | None = None
    extensions: Extensions | None = None


class CFRubricCriterionLevel(CaseModel):
    identifier: CaseUUID
    uri: Uri
    description: str | None = None
    quality: str | None = None
    score: float | None = None
    feedback: str | None = None
    position: Int32 | None = None
    rubricCriterionId: CaseUUID | None = None
    lastChangeDateTime: DateTime
    extensions: list[Extensions] | None = None  # an array here, unlike everywhere else


class CFRubricCriterion(CaseModel):
    identifier: CaseUUID
    uri: Uri
    category: str | None = None
    description: str | None = None
    CFItemURI: LinkURI | None = None
    weight: float | None = None
    position: Int32 | None = None
    rubricId: CaseUUID | None = None
    lastChangeDateTime: DateTime
    CFRubricCriterionLevels: list[CFRubricCriterionLevel] | None = None
    extensions: Extensions | None = None


class CFRubric(CaseModel):
    identifier: CaseUUID
    uri: Uri
    title: str | None = None
    description: str | None = None
    lastChangeDateTime: DateTime
    CFRubricCriteria: list[CFRubricCriterion] | None = None
    extensions: Extensions | None = None


class CFPackage(CaseModel):
    CFDocument: CFPckgDocument
    CFItems: list[CFPckgItem] | None = None
    CFAssociations: list[CFPckgAssociation] | None = None
    CFDefinitions: CFDefinition | None = None
    CFRubrics: list[CFRubric] | None = None
    extensions: Extensions | None = None


class CFDocumentSet(CaseModel):
    """getAllCFDocuments (the schema asks for at least one document)."""

    CFDocuments: Annotated[list[CFDocument], Field(min_length=1)]


class CFAssociationSet(CaseModel):
    """getCFItemAssociations: the item and at least one association."""

    CFItem: CFItem
    CFAssociations: Annotated[list[CFPckgAssociation], Field(min_length=1)]


class ImsxCodeMinorField(CaseModel):
    imsx_codeMinorFieldName: str
    imsx_codeMinorFieldValue: Literal[
        "forbidden",
        "fullsuccess",
        "internal_server_error",
        "invalid_selection_field",
        "invalid_sort_field",
        "invalid_uuid",
        "server_busy",
        "unauthorised_request",
        "unknownobject",
    ]


class ImsxCodeMinor(CaseModel):
    imsx_codeMinorField: Annotated[list[ImsxCodeMinorField], Field(min_length=1)]


class ImsxStatusInfo(CaseModel):
    imsx_codeMajor: Literal["failure", "processing", "success", "unsupported"]
    imsx_severity: Literal["error", "status", "warning"]
    imsx_description: str | None = None
    imsx_codeMinor: ImsxCodeMinor | None = None


# -- Lenient reading of other providers' packages (CASE 1.0 and 1.1) ---------------------------
# Only what the import uses; unknown fields and other bendings of the rules are tolerated.

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class InRecord(BaseModel):
    model_config = ConfigDict(extra="ignore")


class InLink(InRecord):
    identifier: NonEmpty
    uri: str | None = None
    title: str | None = None


class InDocument(InRecord):
    identifier: NonEmpty
    title: str
    uri: str | None = None
    creator: str | None = None
    publisher: str | None = None
    description: str | None = None
    version: str | None = None
    language: str | None = None
    officialSourceURL: str | None = None
    adoptionStatus: str | None = None
    statusStartDate: str | None = None
    caseVersion: str | None = None
    frameworkType: str | None = None
    notes: str | None = None
    subject: list[str] | str | None = None
    licenseURI: InLink | None = None
    extensions: dict[str, Any] | None = None


class InItem(InRecord):
    identifier: NonEmpty
    fullStatement: str
    uri: str | None = None
    humanCodingScheme: str | None = None
    abbreviatedStatement: str | None = None
    alternativeLabel: str | None = None
    CFItemType: str | None = None
    CFItemTypeURI: InLink | None = None
    listEnumeration: str | None = None
    notes: str | None = None
    language: str | None = None
    educationLevel: list[str] | str | None = None
    conceptKeywords: list[str] | str | None = None
    extensions: dict[str, Any] | None = None


class InAssociation(InRecord):
    identifier: str | None = None
    associationType: NonEmpty
    sequenceNumber: int | None = None
    originNodeURI: InLink
    destinationNodeURI: InLink


class InLevel(InRecord):
    position: int
    quality: str = ""
    description: str | None = None
