using HtxFund.Collateral;
using HtxFund.Collateral.Reading;
using HtxFund.Collateral.Registering;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Web.Staff;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Web.Pages.Credit.CollateralRegister;

/// <summary>The collateral and guarantee register of the fund (GET /api/collateral-items, filtered by borrower and type),
/// and, for a credit officer with a borrower chosen, the form registering an item for it (POST /api/collateral-items).</summary>
[Authorize(Roles = Navigation.CreditRoles)]
public sealed class RegisterModel : StaffPage
{
    [BindProperty(SupportsGet = true, Name = "htx")] public Guid? CooperativeId { get; set; }
    [BindProperty(SupportsGet = true, Name = "loai")] public CollateralType? Type { get; set; }

    public sealed class RegistrationForm
    {
        public Guid? MemberId { get; set; }
        public CollateralType? Type { get; set; }
        public string? Owner { get; set; }
        public string? Description { get; set; }
        public string? CertificateNumber { get; set; }
        public string? ParcelNumber { get; set; }
        public string? MapSheet { get; set; }
        public string? RegistrationPlate { get; set; }
        public string? RegistrationOffice { get; set; }
        public string? RegistrationNumber { get; set; }
        public LocalDate? RegistrationDate { get; set; }
    }

    [BindProperty] public RegistrationForm Input { get; set; } = new();

    public IReadOnlyList<CollateralItemView> Items { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Cooperatives { get; private set; } = [];
    public CooperativeDetails? Cooperative { get; private set; }
    public bool MayRegister => MayCall(typeof(RegisterCollateralItemEndpoint));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!MayRegister) return Forbidden();
        var command = new RegisterCollateralItem(CooperativeId, Input.MemberId, Input.Type, Input.Owner, Input.Description, Input.CertificateNumber,
            Input.ParcelNumber, Input.MapSheet, Input.RegistrationPlate, Input.RegistrationOffice, Input.RegistrationNumber, Input.RegistrationDate);
        var result = await Post("/api/collateral-items", command);
        if (result is null)
        {
            await LoadAsync();
            return Page();
        }
        Done = Text("Đã đăng ký tài sản bảo đảm.");
        return Redirect($"/tin-dung/tai-san-bao-dam/{ValueOf<Wolverine.Http.CreationResponse<Guid>>(result)!.Value}");
    }

    private async Task LoadAsync()
    {
        Items = await GetCollateralEndpoints.List(CooperativeId, null, Type, User, Query, Ct);
        Cooperatives = (await Query.Query<CooperativeDetails>().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).Take(1000).ToListAsync(Ct))
            .Select(c => (c.Id, c.Name)).ToArray();
        Cooperative = CooperativeId is { } id ? await Query.LoadAsync<CooperativeDetails>(id, Ct) : null;
    }
}
