namespace Breakwater.Detection;

/// <summary>
/// The two seconds closed before the current one of a sampled target, for its window (each valid only when recent).
/// Kept beside the slots, and only once sampled traffic is seen, so that unsampled counting stays compact.
/// </summary>
internal struct SampleHistory
{
    public long Second1;
    public long Packets1;
    public long Bytes1;
    public long Samples1;
    public long Second2;
    public long Packets2;
    public long Bytes2;
    public long Samples2;
}
