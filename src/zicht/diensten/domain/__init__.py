"""Pure rules of the diensten (no Django): transitions, clocks and limits."""
