using HtxFund.Reminders;

namespace HtxFund.Inspections;

/// <summary>The notices inspections send (<see cref="Reminders.Notifications.SendNotice"/>), each with an id derived from
/// the fact it is about, so that a retry notifies nobody twice.</summary>
public static class InspectionNotices
{
    private static readonly Guid Namespace = new("5d0c1f7e-3b8a-4c55-9a61-2f4e0b7d9c13");

    public static Guid FollowUpOpenedId(Guid inspectionId) => ReminderKeys.UuidV5(Namespace, $"{inspectionId}|misuse-follow-up-opened");
    public static Guid FollowUpDecidedId(Guid inspectionId) => ReminderKeys.UuidV5(Namespace, $"{inspectionId}|misuse-follow-up-decided");
    public static Guid DueSoonId(Guid inspectionId) => ReminderKeys.UuidV5(Namespace, $"{inspectionId}|due-soon");

    /// <summary>The page of an inspection.</summary>
    public static string Link(Guid inspectionId) => $"/kiem-tra-su-dung-von/{inspectionId}";
}
