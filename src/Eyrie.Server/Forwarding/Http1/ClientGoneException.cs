namespace Eyrie.Server.Forwarding.Http1;

/// <summary>Writing the response to the client failed: tells the exchange the client side, not the worker, broke.</summary>
internal sealed class ClientGoneException(Exception inner) : Exception("The client connection failed while the response was sent.", inner);
