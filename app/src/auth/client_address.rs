//! The client address a request comes from, the key of every rate limit. Behind a reverse
//! proxy the TCP peer is the proxy, shared by every visitor: a limit keyed on it would let
//! twenty bad links lock everyone out. So when the peer is one of the `TRUSTED_PROXIES`, the
//! client is read from `X-Forwarded-For`: the rightmost address that is not itself a trusted
//! proxy (everything left of it was written by the client and proves nothing).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::state::AppState;

/// One address or network (`10.0.0.1`, `10.0.0.0/8`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Network {
    base: IpAddr,
    prefix: u8,
}

impl Network {
    fn parse(text: &str) -> Option<Self> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let base: IpAddr = address.trim().parse().ok()?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.trim().parse::<u8>().ok().filter(|p| *p <= max)?,
            None => max,
        };
        Some(Network { base, prefix })
    }

    fn contains(&self, address: IpAddr) -> bool {
        // An IPv4 peer may arrive as an IPv4-mapped IPv6 address on a dual-stack socket.
        let address = match address {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
            v4 => v4,
        };
        match (self.base, address) {
            (IpAddr::V4(base), IpAddr::V4(a)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(base) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(base), IpAddr::V6(a)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(base) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }
}

/// The proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`); empty: none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Network>);

impl TrustedProxies {
    /// A comma-separated list of addresses and networks; `Err` names the entry that is neither.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                Network::parse(entry)
                    .ok_or_else(|| format!("{entry:?} is not an IP address or network (CIDR)"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(address))
    }

    /// The client behind `peer`: the peer itself unless it is a trusted proxy, else the
    /// rightmost forwarded address that is not a trusted proxy. A malformed header, or one that
    /// names only trusted proxies, leaves the peer (the limit then keys on the proxy, the safe
    /// side).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let mut forwarded: Vec<IpAddr> = Vec::new();
        for value in headers.get_all("x-forwarded-for") {
            let Ok(value) = value.to_str() else {
                return peer;
            };
            for entry in value.split(',') {
                match entry.trim().parse() {
                    Ok(address) => forwarded.push(address),
                    Err(_) => return peer,
                }
            }
        }
        forwarded
            .into_iter()
            .rev()
            .find(|address| !self.contains(*address))
            .unwrap_or(peer)
    }
}

/// The client address of a request (see the module doc); the one extractor every rate-limited
/// handler uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    /// For code that has the parts already (server functions through `leptos_axum::extract`).
    pub fn of(state: &AppState, peer: Option<SocketAddr>, headers: &HeaderMap) -> Self {
        let peer = peer.map_or(std::net::Ipv4Addr::UNSPECIFIED.into(), |p| p.ip());
        ClientAddress(state.settings.trusted_proxies.client(peer, headers))
    }
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| *peer);
        Ok(ClientAddress::of(state, peer, &parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn parses_addresses_and_networks() {
        let trusted = TrustedProxies::parse(" 10.0.0.0/8, 192.168.1.5 ,fd00::/8").unwrap();
        assert!(trusted.contains(ip("10.20.30.40")));
        assert!(trusted.contains(ip("192.168.1.5")));
        assert!(!trusted.contains(ip("192.168.1.6")));
        assert!(trusted.contains(ip("fd12::1")));
        assert!(trusted.contains(ip("::ffff:10.1.2.3")), "IPv4-mapped peer");
        assert!(!trusted.contains(ip("11.0.0.1")));
        assert!(
            TrustedProxies::parse("0.0.0.0/0")
                .unwrap()
                .contains(ip("8.8.8.8"))
        );
        assert_eq!(
            TrustedProxies::parse("").unwrap(),
            TrustedProxies::default()
        );
        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0.1/", "::/129"] {
            let message = TrustedProxies::parse(bad).unwrap_err();
            assert!(message.contains(bad), "{message}");
        }
    }

    #[test]
    fn believes_forwarded_only_from_a_trusted_peer() {
        let trusted = TrustedProxies::parse("10.0.0.1").unwrap();
        let headers = forwarded(&["203.0.113.7"]);
        assert_eq!(trusted.client(ip("10.0.0.1"), &headers), ip("203.0.113.7"));
        assert_eq!(
            trusted.client(ip("198.51.100.1"), &headers),
            ip("198.51.100.1"),
            "an untrusted peer cannot choose its key"
        );
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.1"), &headers),
            ip("10.0.0.1"),
            "no proxy trusted by default"
        );
    }

    #[test]
    fn takes_the_rightmost_untrusted_forwarded_address() {
        let trusted = TrustedProxies::parse("10.0.0.0/8").unwrap();
        // The client wrote the first entry itself; the proxies appended the rest.
        let headers = forwarded(&["1.2.3.4, 203.0.113.7", "10.0.0.2"]);
        assert_eq!(trusted.client(ip("10.0.0.1"), &headers), ip("203.0.113.7"));
        assert_eq!(
            trusted.client(ip("10.0.0.1"), &forwarded(&["10.0.0.3"])),
            ip("10.0.0.1")
        );
        assert_eq!(
            trusted.client(ip("10.0.0.1"), &forwarded(&["203.0.113.7, nonsense"])),
            ip("10.0.0.1"),
            "a malformed header is not believed"
        );
        assert_eq!(
            trusted.client(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
    }
}
