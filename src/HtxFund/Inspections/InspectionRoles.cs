using HtxFund.Identity;

namespace HtxFund.Inspections;

/// <summary>Who may do what with inspections of loan use.</summary>
public static class InspectionRoles
{
    /// <summary>Record a visit and its photos: any credit officer of the fund (not only the loan's responsible officer:
    /// colleagues cover each other's field visits and the minutes name who inspected), and the Director.</summary>
    public const string Recorders = Roles.CreditOfficer + "," + Roles.Director;

    /// <summary>Read inspections, their photos and minutes: the fund's credit staff and its oversight.</summary>
    public const string Readers = Roles.CreditOfficer + "," + Roles.Director + "," + Roles.BoardMember + "," + Roles.RiskCouncil;

    /// <summary>The owner of an inspection's photo files (<see cref="Files.StoredFile.Owner"/>).</summary>
    public static string FileOwner(Guid inspectionId) => $"inspection:{inspectionId}";
}
