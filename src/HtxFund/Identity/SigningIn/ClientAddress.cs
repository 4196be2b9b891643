using System.Net;
using System.Net.Sockets;

namespace HtxFund.Identity.SigningIn;

/// <summary>The client address that sign-in limits count by: IPv4 as it is (an IPv4-mapped IPv6 address as IPv4), IPv6
/// by its /64 network (one subscriber's whole prefix, which a client can rotate through freely). Behind a reverse
/// proxy this is the forwarded address (<c>HtxFund:Http:ForwardedHeaders</c>).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return "local";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address)) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
