using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace HtxFund.Web.Staff;

/// <summary>
/// What the credit, board and finance pages add to <see cref="PortalPage"/>: each form post is allowed exactly to the
/// roles its API endpoint names (read from the endpoint method's own <see cref="AuthorizeAttribute"/>, so the two can
/// never drift apart), and a confirmation message after a successful post (Post/Redirect/Get).
/// </summary>
public abstract class StaffPage : PortalPage
{
    /// <summary>The message after a successful post, shown once.</summary>
    [TempData] public string? Done { get; set; }

    protected CancellationToken Ct => HttpContext.RequestAborted;
    protected T Service<T>() where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();
    protected string Text(string vietnamese) => Service<IStringLocalizer<StaffResource>>()[vietnamese];

    /// <summary>Whether the user holds a role the endpoint method names in its <c>[Authorize(Roles = ...)]</c>.</summary>
    public bool MayCall(Type endpoint, string method = "Post") => MayCall(User, endpoint, method);

    public static bool MayCall(ClaimsPrincipal user, Type endpoint, string method = "Post")
    {
        var info = endpoint.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                   ?? throw new ArgumentException($"{endpoint.Name}.{method} not found.");
        var roles = info.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Roles).Where(r => r is not null).ToArray();
        return roles.All(r => r!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(user.IsInRole));
    }

    /// <summary>A post the user's roles do not allow: the same 403 the API answers.</summary>
    protected IActionResult Forbidden() => StatusCode(StatusCodes.Status403Forbidden);
}

/// <summary>An endpoint's <see cref="IResult"/> answered from a page handler as is (e.g. a file download).</summary>
public sealed class HttpResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
