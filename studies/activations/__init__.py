"""The Activations and initialization lab's studies: signal propagation at initialization
(:mod:`.signal`, theory in :mod:`.meanfield`), statistics during training (:mod:`.training`), dying
ReLU (:mod:`.dying`), why non-linearity (:mod:`.linear`), input normalization (:mod:`.inputs`) and
normalization layers (:mod:`.norm`)."""
